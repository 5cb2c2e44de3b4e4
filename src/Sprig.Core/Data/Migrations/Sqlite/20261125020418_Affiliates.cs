using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Affiliates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AffiliatePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RateBps = table.Column<int>(type: "INTEGER", nullable: false),
                    ProtectedRateBps = table.Column<int>(type: "INTEGER", nullable: true),
                    RateCutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatorIds = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AffiliatePlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommissionOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RateBps = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyRateBps = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Commission = table.Column<long>(type: "INTEGER", nullable: false),
                    AgencyShare = table.Column<long>(type: "INTEGER", nullable: false),
                    Returned = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SettledAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissionOrders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreatorPromotions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AgencyRateBps = table.Column<int>(type: "INTEGER", nullable: false),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreatorPromotions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AffiliatePlans_ProductId_EndedAt",
                table: "AffiliatePlans",
                columns: new[] { "ProductId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AffiliatePlans_ShopId_Id",
                table: "AffiliatePlans",
                columns: new[] { "ShopId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionOrders_CreatorId_Id",
                table: "CommissionOrders",
                columns: new[] { "CreatorId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionOrders_OrderId",
                table: "CommissionOrders",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_CreatorPromotions_CreatorId_ProductId",
                table: "CreatorPromotions",
                columns: new[] { "CreatorId", "ProductId" });

            migrationBuilder.CreateIndex(
                name: "IX_CreatorPromotions_PlanId_CreatorId",
                table: "CreatorPromotions",
                columns: new[] { "PlanId", "CreatorId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AffiliatePlans");

            migrationBuilder.DropTable(
                name: "CommissionOrders");

            migrationBuilder.DropTable(
                name: "CreatorPromotions");
        }
    }
}
