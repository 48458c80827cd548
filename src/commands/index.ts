export { sendOverdueNotifications, OPEN_STATUSES, type OverdueRun } from './send-overdue-notifications';
