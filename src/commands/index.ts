export { sendOverdueNotifications, countOverdue, type OverdueRun } from './send-overdue-notifications';
