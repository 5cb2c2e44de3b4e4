using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnalyticsFold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ItemDailies",
                table: "ItemDailies");

            migrationBuilder.DropIndex(
                name: "IX_ItemDailies_ShopId_Day",
                table: "ItemDailies");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ItemDailies",
                table: "ItemDailies",
                columns: new[] { "ShopId", "Day", "ItemId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ItemDailies",
                table: "ItemDailies");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ItemDailies",
                table: "ItemDailies",
                columns: new[] { "ItemId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemDailies_ShopId_Day",
                table: "ItemDailies",
                columns: new[] { "ShopId", "Day" });
        }
    }
}
