using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServedPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServedPages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tab = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ServedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Items = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServedPages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServedPages_BuyerId_ServedAt",
                table: "ServedPages",
                columns: new[] { "BuyerId", "ServedAt" });

            // the last day of the old log, each impression a page of its own with its id kept (the page's id is the impression's
            // with its last byte as the slot), so what a buyer saw today stays seen and orders placed from it stay attributed.
            // An item's entry: slot, item id, kind, source, pool, boost, friends (2 bytes), a spare byte (see ServedPage)
            migrationBuilder.Sql("""
                INSERT INTO "ServedPages" ("Id", "BuyerId", "Tab", "ServedAt", "Items")
                SELECT substr("Id", 1, 34) || '00', "BuyerId", "Tab", "ServedAt", unhex(
                    substr("Id", 35, 2) || replace("ItemId", '-', '')
                    || CASE "Kind" WHEN 'Video' THEN '00' WHEN 'Post' THEN '01' WHEN 'Live' THEN '02' ELSE '03' END
                    || CASE "Source" WHEN 'Private' THEN '01' ELSE '00' END
                    || CASE WHEN "Pool" IS NULL THEN '80' WHEN "Pool" = 'brand' THEN 'FE' WHEN "Pool" = 'organic' THEN 'FF'
                            WHEN "Pool" = 'coldStart' THEN '00' WHEN "Pool" GLOB 'tier[0-9]*' THEN printf('%02X', CAST(substr("Pool", 5) AS INTEGER) % 128) ELSE '80' END
                    || CASE "Boost" WHEN 'brand' THEN '01' WHEN 'live' THEN '02' ELSE '00' END
                    || printf('%04X', min(max("FriendsLiked", 0), 65535)) || '00')
                FROM "Impressions"
                WHERE "ServedAt" >= (SELECT max("ServedAt") FROM "Impressions") - (864000000 << 11) -- a day: the column holds (ticks / 1000) << 11 with the offset in the low bits
                """);

            migrationBuilder.DropTable(
                name: "Impressions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Impressions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Boost = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FriendsLiked = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Pool = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ServedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Tab = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Impressions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Impressions_BuyerId_ServedAt_ItemId",
                table: "Impressions",
                columns: new[] { "BuyerId", "ServedAt", "ItemId" });

            // the pages back into an impression a row (the shop and product from the item), so a downgrade keeps what buyers saw
            migrationBuilder.Sql("""
                WITH RECURSIVE slots(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM slots WHERE n < 255),
                entries AS (
                    SELECT p."Id" AS "PageId", p."BuyerId", p."Tab", p."ServedAt", hex(substr(p."Items", s.n * 24 + 1, 24)) AS h
                    FROM "ServedPages" AS p JOIN slots AS s ON s.n < length(p."Items") / 24),
                e AS (
                    SELECT *, substr(h, 3, 8) || '-' || substr(h, 11, 4) || '-' || substr(h, 15, 4) || '-' || substr(h, 19, 4) || '-' || substr(h, 23, 12) AS "ItemId"
                    FROM entries)
                INSERT INTO "Impressions" ("Id", "BuyerId", "ItemId", "Kind", "ShopId", "ProductId", "Tab", "Source", "Pool", "FriendsLiked", "Boost", "Position", "ServedAt")
                SELECT substr(e."PageId", 1, 34) || substr(e.h, 1, 2), e."BuyerId", e."ItemId",
                    CASE substr(e.h, 35, 2) WHEN '00' THEN 'Video' WHEN '01' THEN 'Post' WHEN '02' THEN 'Live' ELSE 'Product' END,
                    f."ShopId", f."ProductId", e."Tab",
                    CASE substr(e.h, 37, 2) WHEN '01' THEN 'Private' ELSE 'Public' END,
                    CASE substr(e.h, 39, 2) WHEN '80' THEN NULL WHEN 'FE' THEN 'brand' WHEN 'FF' THEN 'organic' WHEN '00' THEN 'coldStart' ELSE 'tier' || ((instr('0123456789ABCDEF', substr(e.h, 39, 1)) - 1) * 16 + instr('0123456789ABCDEF', substr(e.h, 40, 1)) - 1) END,
                    ((instr('0123456789ABCDEF', substr(e.h, 43, 1)) - 1) * 16 + instr('0123456789ABCDEF', substr(e.h, 44, 1)) - 1) * 256 + ((instr('0123456789ABCDEF', substr(e.h, 45, 1)) - 1) * 16 + instr('0123456789ABCDEF', substr(e.h, 46, 1)) - 1),
                    CASE substr(e.h, 41, 2) WHEN '01' THEN 'brand' WHEN '02' THEN 'live' END,
                    ((instr('0123456789ABCDEF', substr(e.h, 1, 1)) - 1) * 16 + instr('0123456789ABCDEF', substr(e.h, 2, 1)) - 1), e."ServedAt"
                FROM e LEFT JOIN "FeedItems" AS f ON f."Id" = e."ItemId"
                """);

            migrationBuilder.DropTable(
                name: "ServedPages");
        }
    }
}
