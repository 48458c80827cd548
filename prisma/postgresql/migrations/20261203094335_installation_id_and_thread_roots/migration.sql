-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "threadRoot" TEXT;

-- CreateTable
CREATE TABLE "Installation" (
    "id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);


-- The key of this installation: random, made once. A copy of the database (a restored dump) keeps it (docs/architecture.md).
INSERT INTO "Installation" ("id", "key") VALUES (1, md5(random()::text || clock_timestamp()::text));
