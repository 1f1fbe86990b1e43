/** What App.tsx hands every screen. */
import type { Navigate, Route } from '../state/route';

export interface ScreenProps {
  readonly route: Route;
  readonly navigate: Navigate;
}
