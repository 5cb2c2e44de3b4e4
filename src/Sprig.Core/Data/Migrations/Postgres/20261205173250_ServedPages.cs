using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BuyerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tab = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ServedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Items = table.Column<byte[]>(type: "bytea", nullable: false)
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
                SELECT encode(overlay(uuid_send("Id") PLACING '\x00'::bytea FROM 16 FOR 1), 'hex')::uuid, "BuyerId", "Tab", "ServedAt",
                    substring(uuid_send("Id") FROM 16 FOR 1) || uuid_send("ItemId")
                    || CASE "Kind" WHEN 'Video' THEN '\x00'::bytea WHEN 'Post' THEN '\x01'::bytea WHEN 'Live' THEN '\x02'::bytea ELSE '\x03'::bytea END
                    || CASE "Source" WHEN 'Private' THEN '\x01'::bytea ELSE '\x00'::bytea END
                    || decode(CASE WHEN "Pool" IS NULL THEN '80' WHEN "Pool" = 'brand' THEN 'fe' WHEN "Pool" = 'organic' THEN 'ff'
                            WHEN "Pool" = 'coldStart' THEN '00' WHEN "Pool" ~ '^tier[0-9]+$' THEN lpad(to_hex(substr("Pool", 5)::int % 128), 2, '0') ELSE '80' END, 'hex')
                    || CASE "Boost" WHEN 'brand' THEN '\x01'::bytea WHEN 'live' THEN '\x02'::bytea ELSE '\x00'::bytea END
                    || decode(lpad(to_hex(least(greatest("FriendsLiked", 0), 65535)), 4, '0'), 'hex') || '\x00'::bytea
                FROM "Impressions"
                WHERE "ServedAt" >= (SELECT max("ServedAt") FROM "Impressions") - interval '1 day'
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Boost = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    BuyerId = table.Column<Guid>(type: "uuid", nullable: false),
                    FriendsLiked = table.Column<int>(type: "integer", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Pool = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: true),
                    ServedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Tab = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
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
                INSERT INTO "Impressions" ("Id", "BuyerId", "ItemId", "Kind", "ShopId", "ProductId", "Tab", "Source", "Pool", "FriendsLiked", "Boost", "Position", "ServedAt")
                SELECT encode(overlay(uuid_send(p."Id") PLACING substring(x.e FROM 1 FOR 1) FROM 16 FOR 1), 'hex')::uuid, p."BuyerId", x."ItemId",
                    CASE get_byte(x.e, 17) WHEN 0 THEN 'Video' WHEN 1 THEN 'Post' WHEN 2 THEN 'Live' ELSE 'Product' END,
                    f."ShopId", f."ProductId", p."Tab",
                    CASE get_byte(x.e, 18) WHEN 1 THEN 'Private' ELSE 'Public' END,
                    CASE get_byte(x.e, 19) WHEN 128 THEN NULL WHEN 254 THEN 'brand' WHEN 255 THEN 'organic' WHEN 0 THEN 'coldStart' ELSE 'tier' || get_byte(x.e, 19) END,
                    get_byte(x.e, 21) * 256 + get_byte(x.e, 22),
                    CASE get_byte(x.e, 20) WHEN 1 THEN 'brand' WHEN 2 THEN 'live' END,
                    get_byte(x.e, 0), p."ServedAt"
                FROM "ServedPages" AS p
                CROSS JOIN LATERAL (
                    SELECT s.e, encode(substring(s.e FROM 2 FOR 16), 'hex')::uuid AS "ItemId"
                    FROM (SELECT substring(p."Items" FROM n * 24 + 1 FOR 24) AS e FROM generate_series(0, length(p."Items") / 24 - 1) AS n) AS s) AS x
                LEFT JOIN "FeedItems" AS f ON f."Id" = x."ItemId"
                """);

            migrationBuilder.DropTable(
                name: "ServedPages");
        }
    }
}
