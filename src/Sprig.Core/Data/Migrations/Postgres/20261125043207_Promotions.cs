using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Promotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "BuyerCoupons");

            migrationBuilder.DropColumn(
                name: "UsedAt",
                table: "BuyerCoupons");

            migrationBuilder.AddColumn<Guid>(
                name: "PlatformBuyerCouponId",
                table: "Orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PlatformCouponId",
                table: "Orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ShopBuyerCouponId",
                table: "Orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ShopCouponId",
                table: "Orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CampaignId",
                table: "OrderLines",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "FlashSaleId",
                table: "OrderLines",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SubsidyReturned",
                table: "OrderLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "CampaignId",
                table: "Coupons",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "ProductIds",
                table: "Coupons",
                type: "uuid[]",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CampaignEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    SkuId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Price = table.Column<long>(type: "bigint", nullable: false),
                    Floor = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubsidyBps = table.Column<int>(type: "integer", nullable: false),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FlashSaleBuyers",
                columns: table => new
                {
                    FlashSaleId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuyerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlashSaleBuyers", x => new { x.FlashSaleId, x.BuyerId });
                    table.CheckConstraint("CK_FlashSaleBuyers_Quantity", "\"Quantity\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "FlashSales",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShopId = table.Column<Guid>(type: "uuid", nullable: false),
                    SkuId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Price = table.Column<long>(type: "bigint", nullable: false),
                    RegularPrice = table.Column<long>(type: "bigint", nullable: false),
                    Quota = table.Column<int>(type: "integer", nullable: false),
                    Sold = table.Column<int>(type: "integer", nullable: false),
                    PerBuyerLimit = table.Column<int>(type: "integer", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlashSales", x => x.Id);
                    table.CheckConstraint("CK_FlashSales_NotOversold", "\"Sold\" >= 0 AND \"Sold\" <= \"Quota\"");
                });

            migrationBuilder.CreateTable(
                name: "SubsidyDraws",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    LineId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Returned = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubsidyDraws", x => x.Id);
                    table.CheckConstraint("CK_SubsidyDraws_Returned", "\"Returned\" >= 0 AND \"Returned\" <= \"Amount\"");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_PlatformBuyerCouponId",
                table: "Orders",
                column: "PlatformBuyerCouponId",
                unique: true,
                filter: "\"PlatformBuyerCouponId\" IS NOT NULL AND \"Status\" <> 250");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ShopBuyerCouponId",
                table: "Orders",
                column: "ShopBuyerCouponId",
                unique: true,
                filter: "\"ShopBuyerCouponId\" IS NOT NULL AND \"Status\" <> 250");

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_CampaignId",
                table: "OrderLines",
                column: "CampaignId",
                filter: "\"CampaignId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_FlashSaleId",
                table: "OrderLines",
                column: "FlashSaleId",
                filter: "\"FlashSaleId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignEntries_CampaignId_SkuId",
                table: "CampaignEntries",
                columns: new[] { "CampaignId", "SkuId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignEntries_ShopId_Id",
                table: "CampaignEntries",
                columns: new[] { "ShopId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignEntries_SkuId_Status",
                table: "CampaignEntries",
                columns: new[] { "SkuId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FlashSales_ShopId_Id",
                table: "FlashSales",
                columns: new[] { "ShopId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FlashSales_SkuId_EndsAt",
                table: "FlashSales",
                columns: new[] { "SkuId", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SubsidyDraws_OrderId",
                table: "SubsidyDraws",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_SubsidyDraws_SourceId",
                table: "SubsidyDraws",
                column: "SourceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CampaignEntries");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropTable(
                name: "FlashSaleBuyers");

            migrationBuilder.DropTable(
                name: "FlashSales");

            migrationBuilder.DropTable(
                name: "SubsidyDraws");

            migrationBuilder.DropIndex(
                name: "IX_Orders_PlatformBuyerCouponId",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_ShopBuyerCouponId",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_OrderLines_CampaignId",
                table: "OrderLines");

            migrationBuilder.DropIndex(
                name: "IX_OrderLines_FlashSaleId",
                table: "OrderLines");

            migrationBuilder.DropColumn(
                name: "PlatformBuyerCouponId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "PlatformCouponId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ShopBuyerCouponId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ShopCouponId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "OrderLines");

            migrationBuilder.DropColumn(
                name: "FlashSaleId",
                table: "OrderLines");

            migrationBuilder.DropColumn(
                name: "SubsidyReturned",
                table: "OrderLines");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "Coupons");

            migrationBuilder.DropColumn(
                name: "ProductIds",
                table: "Coupons");

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "BuyerCoupons",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UsedAt",
                table: "BuyerCoupons",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
