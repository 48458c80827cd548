export { recordChange, takeChanges, setChangeAside, countChanges, type ChangeEvent, type TicketEvents } from './change-event';
