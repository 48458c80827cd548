-- The notifier's references to the host's tickets and people become text, so
-- a host whose ids are strings (cuid) fits as well as one with integers, and
-- the foreign keys into the host's tables go. The columns change type in
-- place: every row keeps its value, 12 becomes '12', and the indexes and
-- unique constraints on them are rebuilt by PostgreSQL.

-- DropForeignKey
ALTER TABLE "NotificationPreference" DROP CONSTRAINT "NotificationPreference_customerId_fkey";

-- DropForeignKey
ALTER TABLE "NotificationPreference" DROP CONSTRAINT "NotificationPreference_userId_fkey";

-- DropForeignKey
ALTER TABLE "Brand" DROP CONSTRAINT "Brand_customerId_fkey";

-- AlterTable
ALTER TABLE "EmailOutbox" ALTER COLUMN "ticketId" SET DATA TYPE TEXT USING "ticketId"::text,
ALTER COLUMN "recipientId" SET DATA TYPE TEXT USING "recipientId"::text;

-- AlterTable
ALTER TABLE "SkippedNotification" ALTER COLUMN "ticketId" SET DATA TYPE TEXT USING "ticketId"::text,
ALTER COLUMN "recipientId" SET DATA TYPE TEXT USING "recipientId"::text;

-- AlterTable
ALTER TABLE "NotificationPreference" ALTER COLUMN "userId" SET DATA TYPE TEXT USING "userId"::text,
ALTER COLUMN "customerId" SET DATA TYPE TEXT USING "customerId"::text;

-- AlterTable
ALTER TABLE "Brand" ALTER COLUMN "customerId" SET DATA TYPE TEXT USING "customerId"::text;
