// jsdom has no canvas: component tests replace react-chartjs-2's charts with a stub that renders
// the chart's data as JSON, so tests can check what would be drawn (series, colours, highlights).
// Usage: vi.mock('react-chartjs-2', () => chartStub);
function Stub(kind: string) {
  return function ChartStub(props: { data: unknown; 'aria-label'?: string }) {
    return <div role="img" aria-label={props['aria-label']} data-chart={kind} data-json={JSON.stringify(props.data)} />;
  };
}

export const chartStub = { Bar: Stub('bar'), Scatter: Stub('scatter'), Line: Stub('line'), Chart: Stub('chart') };
