// Who is logged in and what their role lets them do. The server checks every
// request itself; these helpers only decide which links and buttons to show,
// so a hidden button is a convenience, never the control.
import { setCsrf } from './api';
import type { Role, User } from './types';

let current: User | null = null;

export function setSession(user: User | null, csrf: string): void {
  current = user;
  setCsrf(csrf);
}

export function user(): User | null {
  return current;
}

function is(...roles: Role[]): boolean {
  return current !== null && roles.includes(current.role);
}

export const can = {
  seePersons: () => is('admin', 'coordinator', 'case_worker', 'viewer'),
  edit: () => is('admin', 'coordinator', 'case_worker'),
  dossiers: () => is('admin', 'coordinator', 'case_worker'),
  seeAlerts: () => is('admin', 'coordinator', 'case_worker', 'viewer'),
  actOnAlerts: () => is('admin', 'coordinator', 'case_worker'),
  transfer: () => is('admin', 'coordinator', 'case_worker'),
  review: () => is('admin', 'coordinator'),
  imports: () => is('admin', 'coordinator'),
  reports: () => is('admin', 'coordinator'),
  publicExports: () => is('admin', 'coordinator', 'researcher'),
  partnerExports: () => is('admin', 'coordinator'),
  /** name who may see a confidential person */
  manageAccess: () => is('admin', 'coordinator'),
  admin: () => is('admin'),
};
