using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PromotionReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Orders_PaidByPlatformCoupon",
                table: "Orders",
                column: "PlatformCouponId",
                filter: "\"PaidAt\" IS NOT NULL AND \"PlatformCouponId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_PaidByShopCoupon",
                table: "Orders",
                column: "ShopCouponId",
                filter: "\"PaidAt\" IS NOT NULL AND \"ShopCouponId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_PaidByPlatformCoupon",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_PaidByShopCoupon",
                table: "Orders");
        }
    }
}
