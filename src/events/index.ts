export { recordChange, takeChanges, setChangeAside, countChanges, hasChanges, setAsideChanges, type ChangeEvent, type TicketEvents } from './change-event';
