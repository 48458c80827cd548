-- AlterTable
ALTER TABLE "BounceReport" ADD COLUMN "ignored" TEXT;
ALTER TABLE "BounceReport" ADD COLUMN "outboxId" INTEGER;

