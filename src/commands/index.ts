export { sendOverdueNotifications, countOverdue, OPEN_STATUSES, type OverdueRun } from './send-overdue-notifications';
