-- AlterTable
ALTER TABLE "BounceReport" ADD COLUMN     "ignored" TEXT,
ADD COLUMN     "outboxId" INTEGER;

