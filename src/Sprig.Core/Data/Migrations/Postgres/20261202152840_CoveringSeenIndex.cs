using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoveringSeenIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Impressions_BuyerId_ServedAt",
                table: "Impressions");

            migrationBuilder.CreateIndex(
                name: "IX_Impressions_BuyerId_ServedAt_ItemId",
                table: "Impressions",
                columns: new[] { "BuyerId", "ServedAt", "ItemId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Impressions_BuyerId_ServedAt_ItemId",
                table: "Impressions");

            migrationBuilder.CreateIndex(
                name: "IX_Impressions_BuyerId_ServedAt",
                table: "Impressions",
                columns: new[] { "BuyerId", "ServedAt" });
        }
    }
}
