export { createPrismaClient, providerOf, type AppPrismaClient } from './create-prisma-client';
export { parseDatabaseUrl, DatabaseUrlError, type DatabaseTarget, type Provider } from './database-url';
export { statement, inList, listParam, type Statement } from './raw-statement';
export { migrateDeploy } from './prisma-cli';
export { describeDatabaseFailure, PrismaCliError } from './database-failure';
export type { Prisma, Ticket, TicketComment, User, Customer, EmailOutbox } from './generated/sqlite/client';
export { TicketStatus, TicketPriority, OutboxStatus } from './generated/sqlite/client';
export type { TransactionClient } from './transaction-client';
