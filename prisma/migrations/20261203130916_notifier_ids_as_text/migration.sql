-- The notifier's references to the host's tickets and people become text, so
-- a host whose ids are strings (cuid) fits as well as one with integers, and
-- the foreign keys into the host's tables go. SQLite cannot change a column's
-- type, so each table is rebuilt and its rows copied: an integer inserted
-- into a TEXT column is stored as its text form (12 becomes '12', not '12.0'),
-- and NULL stays NULL.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EmailOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "ticketId" TEXT,
    "recipientEmail" TEXT NOT NULL,
    "recipientName" TEXT NOT NULL,
    "recipientKind" TEXT,
    "recipientId" TEXT,
    "audience" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "messageId" TEXT NOT NULL,
    "threadRoot" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lockedBy" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "digestId" INTEGER
);
INSERT INTO "new_EmailOutbox" ("attempts", "audience", "createdAt", "digestId", "event", "id", "idempotencyKey", "lastError", "lockedBy", "lockedUntil", "messageId", "nextAttemptAt", "payload", "recipientEmail", "recipientId", "recipientKind", "recipientName", "sentAt", "status", "threadRoot", "ticketId", "updatedAt") SELECT "attempts", "audience", "createdAt", "digestId", "event", "id", "idempotencyKey", "lastError", "lockedBy", "lockedUntil", "messageId", "nextAttemptAt", "payload", "recipientEmail", "recipientId", "recipientKind", "recipientName", "sentAt", "status", "threadRoot", "ticketId", "updatedAt" FROM "EmailOutbox";
DROP TABLE "EmailOutbox";
ALTER TABLE "new_EmailOutbox" RENAME TO "EmailOutbox";
CREATE UNIQUE INDEX "EmailOutbox_idempotencyKey_key" ON "EmailOutbox"("idempotencyKey");
CREATE UNIQUE INDEX "EmailOutbox_messageId_key" ON "EmailOutbox"("messageId");
CREATE INDEX "EmailOutbox_status_nextAttemptAt_idx" ON "EmailOutbox"("status", "nextAttemptAt");
CREATE INDEX "EmailOutbox_recipientKind_recipientId_status_idx" ON "EmailOutbox"("recipientKind", "recipientId", "status");
CREATE INDEX "EmailOutbox_ticketId_idx" ON "EmailOutbox"("ticketId");
CREATE TABLE "new_SkippedNotification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "ticketId" TEXT,
    "recipientKind" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_SkippedNotification" ("createdAt", "event", "id", "idempotencyKey", "reason", "recipientEmail", "recipientId", "recipientKind", "ticketId") SELECT "createdAt", "event", "id", "idempotencyKey", "reason", "recipientEmail", "recipientId", "recipientKind", "ticketId" FROM "SkippedNotification";
DROP TABLE "SkippedNotification";
ALTER TABLE "new_SkippedNotification" RENAME TO "SkippedNotification";
CREATE UNIQUE INDEX "SkippedNotification_idempotencyKey_key" ON "SkippedNotification"("idempotencyKey");
CREATE INDEX "SkippedNotification_recipientKind_recipientId_idx" ON "SkippedNotification"("recipientKind", "recipientId");
CREATE TABLE "new_NotificationPreference" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT,
    "customerId" TEXT,
    "event" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'settings',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_NotificationPreference" ("customerId", "enabled", "event", "id", "source", "updatedAt", "userId") SELECT "customerId", "enabled", "event", "id", "source", "updatedAt", "userId" FROM "NotificationPreference";
DROP TABLE "NotificationPreference";
ALTER TABLE "new_NotificationPreference" RENAME TO "NotificationPreference";
CREATE UNIQUE INDEX "NotificationPreference_userId_event_key" ON "NotificationPreference"("userId", "event");
CREATE UNIQUE INDEX "NotificationPreference_customerId_event_key" ON "NotificationPreference"("customerId", "event");
CREATE TABLE "new_Brand" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "customerId" TEXT,
    "company" TEXT,
    "name" TEXT,
    "color" TEXT,
    "logoUrl" TEXT,
    "footer" TEXT
);
INSERT INTO "new_Brand" ("color", "company", "customerId", "footer", "id", "logoUrl", "name") SELECT "color", "company", "customerId", "footer", "id", "logoUrl", "name" FROM "Brand";
DROP TABLE "Brand";
ALTER TABLE "new_Brand" RENAME TO "Brand";
CREATE UNIQUE INDEX "Brand_customerId_key" ON "Brand"("customerId");
CREATE UNIQUE INDEX "Brand_company_key" ON "Brand"("company");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

