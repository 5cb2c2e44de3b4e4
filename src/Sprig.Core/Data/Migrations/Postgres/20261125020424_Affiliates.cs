using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RateBps = table.Column<int>(type: "integer", nullable: false),
                    ProtectedRateBps = table.Column<int>(type: "integer", nullable: true),
                    RateCutAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatorIds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AffiliatePlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommissionOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    LineId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    RateBps = table.Column<int>(type: "integer", nullable: false),
                    AgencyRateBps = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Commission = table.Column<long>(type: "bigint", nullable: false),
                    AgencyShare = table.Column<long>(type: "bigint", nullable: false),
                    Returned = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SettledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissionOrders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CreatorPromotions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    AgencyRateBps = table.Column<int>(type: "integer", nullable: false),
                    JoinedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
