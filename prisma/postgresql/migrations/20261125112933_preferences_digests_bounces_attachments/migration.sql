-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OutboxStatus" ADD VALUE 'held';
ALTER TYPE "OutboxStatus" ADD VALUE 'digested';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailDigest" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "locale" TEXT;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "locale" TEXT;

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "digestId" INTEGER,
ADD COLUMN     "recipientId" INTEGER,
ADD COLUMN     "recipientKind" TEXT;

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER,
    "customerId" INTEGER,
    "event" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'settings',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Brand" (
    "id" SERIAL NOT NULL,
    "customerId" INTEGER,
    "company" TEXT,
    "name" TEXT,
    "color" TEXT,
    "logoUrl" TEXT,
    "footer" TEXT,

    CONSTRAINT "Brand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailAddressStatus" (
    "address" TEXT NOT NULL,
    "bouncing" BOOLEAN NOT NULL DEFAULT false,
    "hardBounces" INTEGER NOT NULL DEFAULT 0,
    "softBounces" INTEGER NOT NULL DEFAULT 0,
    "lastBounceAt" TIMESTAMP(3),
    "lastDiagnostic" TEXT,
    "clearedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailAddressStatus_pkey" PRIMARY KEY ("address")
);

-- CreateTable
CREATE TABLE "BounceReport" (
    "id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "diagnostic" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BounceReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SkippedNotification" (
    "id" SERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "ticketId" INTEGER,
    "recipientKind" TEXT NOT NULL,
    "recipientId" INTEGER NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SkippedNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketAttachment" (
    "id" SERIAL NOT NULL,
    "commentId" INTEGER NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT,
    "path" TEXT,
    "url" TEXT,
    "size" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketAttachment_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Brand" ADD CONSTRAINT "Brand_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketAttachment" ADD CONSTRAINT "TicketAttachment_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "TicketComment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

