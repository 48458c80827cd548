export { TicketEmailNotification } from './ticket-email-notification';
