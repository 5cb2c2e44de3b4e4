using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SubsidyOnLines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CampaignSubsidy",
                table: "OrderLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // a line records what it drew: the campaign's part from the draws, and a cancelled order's subsidy as given back
            migrationBuilder.Sql("""
                UPDATE "OrderLines" SET "CampaignSubsidy" = COALESCE((SELECT SUM(d."Amount") FROM "SubsidyDraws" AS d
                    WHERE d."LineId" = "OrderLines"."Id" AND d."SourceId" = "OrderLines"."CampaignId"), 0)
                WHERE "CampaignId" IS NOT NULL
                """);
            migrationBuilder.Sql("""
                UPDATE "OrderLines" SET "SubsidyReturned" = "PlatformDiscount"
                WHERE "OrderId" IN (SELECT "Id" FROM "Orders" WHERE "Status" = 250)
                """);

            migrationBuilder.DropTable(
                name: "SubsidyDraws");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CampaignSubsidy",
                table: "OrderLines");

            migrationBuilder.CreateTable(
                name: "SubsidyDraws",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    BudgetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Returned = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubsidyDraws", x => x.Id);
                    table.CheckConstraint("CK_SubsidyDraws_Returned", "\"Returned\" >= 0 AND \"Returned\" <= \"Amount\"");
                });

            migrationBuilder.CreateIndex(
                name: "IX_SubsidyDraws_OrderId",
                table: "SubsidyDraws",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_SubsidyDraws_SourceId",
                table: "SubsidyDraws",
                column: "SourceId");
        }
    }
}
