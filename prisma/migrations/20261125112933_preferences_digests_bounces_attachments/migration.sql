-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "locale" TEXT;

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN "digestId" INTEGER;
ALTER TABLE "EmailOutbox" ADD COLUMN "recipientId" INTEGER;
ALTER TABLE "EmailOutbox" ADD COLUMN "recipientKind" TEXT;

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER,
    "customerId" INTEGER,
    "event" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'settings',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NotificationPreference_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Brand" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "customerId" INTEGER,
    "company" TEXT,
    "name" TEXT,
    "color" TEXT,
    "logoUrl" TEXT,
    "footer" TEXT,
    CONSTRAINT "Brand_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EmailAddressStatus" (
    "address" TEXT NOT NULL PRIMARY KEY,
    "bouncing" BOOLEAN NOT NULL DEFAULT false,
    "hardBounces" INTEGER NOT NULL DEFAULT 0,
    "softBounces" INTEGER NOT NULL DEFAULT 0,
    "lastBounceAt" DATETIME,
    "lastDiagnostic" TEXT,
    "clearedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BounceReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "diagnostic" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SkippedNotification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "ticketId" INTEGER,
    "recipientKind" TEXT NOT NULL,
    "recipientId" INTEGER NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TicketAttachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT,
    "path" TEXT,
    "url" TEXT,
    "size" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketAttachment_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "TicketComment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT,
    "emailDigest" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_User" ("active", "createdAt", "email", "id", "name") SELECT "active", "createdAt", "email", "id", "name" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "NotificationPreference_userId_event_key" ON "NotificationPreference"("userId", "event");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationPreference_customerId_event_key" ON "NotificationPreference"("customerId", "event");

-- CreateIndex
CREATE UNIQUE INDEX "Brand_customerId_key" ON "Brand"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Brand_company_key" ON "Brand"("company");

-- CreateIndex
CREATE INDEX "BounceReport_address_idx" ON "BounceReport"("address");

-- CreateIndex
CREATE UNIQUE INDEX "SkippedNotification_idempotencyKey_key" ON "SkippedNotification"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SkippedNotification_recipientKind_recipientId_idx" ON "SkippedNotification"("recipientKind", "recipientId");

-- CreateIndex
CREATE INDEX "TicketAttachment_commentId_idx" ON "TicketAttachment"("commentId");

-- CreateIndex
CREATE INDEX "EmailOutbox_recipientKind_recipientId_status_idx" ON "EmailOutbox"("recipientKind", "recipientId", "status");

