using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SettlementPartialIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_Status_SettledAt_ReceivedAt_Id",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_AwaitingSettlement",
                table: "Orders",
                columns: new[] { "ReceivedAt", "Id" },
                filter: "\"Status\" = 100 AND \"SettledAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_AwaitingSettlement",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_SettledAt_ReceivedAt_Id",
                table: "Orders",
                columns: new[] { "Status", "SettledAt", "ReceivedAt", "Id" });
        }
    }
}
