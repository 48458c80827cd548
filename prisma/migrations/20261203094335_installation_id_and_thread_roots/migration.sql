-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN "threadRoot" TEXT;

-- CreateTable
CREATE TABLE "Installation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);


-- The key of this installation: random, made once. A copy of the database (a restored dump) keeps it (docs/architecture.md).
INSERT INTO "Installation" ("id", "key") VALUES (1, lower(hex(randomblob(16))));
