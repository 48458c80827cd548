-- CreateTable
CREATE TABLE "ChangeEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "writeKey" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "actor" JSONB,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "ChangeEvent_writeKey_key" ON "ChangeEvent"("writeKey");

