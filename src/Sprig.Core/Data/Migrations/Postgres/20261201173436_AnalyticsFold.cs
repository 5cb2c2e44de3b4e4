using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Postgres
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

            migrationBuilder.AlterTable(
                name: "SubsidyDailies")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ShopMonthlies")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ShopDailies")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ShopBuyerDailies")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ProgramDailies")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "PlatformDailies")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ItemDailies")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "CreatorDailies")
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

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

            migrationBuilder.AlterTable(
                name: "SubsidyDailies")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ShopMonthlies")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ShopDailies")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ShopBuyerDailies")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ProgramDailies")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "PlatformDailies")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "ItemDailies")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.AlterTable(
                name: "CreatorDailies")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 70);

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
