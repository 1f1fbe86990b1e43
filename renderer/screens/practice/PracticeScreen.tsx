/** The practice screen: choose the keyboard, record, and go to the report when the take ends. */
import { useAppState } from '../../state/app-state';
import { useMidiState } from '../../state/midi-state';
import type { ScreenProps } from '../types';
import { DevicePanel } from './DevicePanel';

export function PracticeScreen({ navigate }: ScreenProps) {
  const { profile, refreshSessions } = useAppState();
  const { availability, inputs, inputName, selectInput, recorder } = useMidiState();

  const record = () => {
    const input = inputs.find((i) => i.name === inputName);
    if (profile === undefined || input === undefined) return;
    void recorder.start(profile.id, input).then(refreshSessions);
  };

  const stop = async () => {
    const sessionId = await recorder.stop();
    await refreshSessions();
    if (sessionId !== undefined) navigate('report', sessionId);
  };

  return (
    <div className="grid">
      <DevicePanel
        availability={availability}
        inputs={inputs}
        inputName={inputName}
        recorder={recorder.state}
        onSelectInput={selectInput}
        onRecord={record}
        onStop={() => void stop()}
      />
    </div>
  );
}
