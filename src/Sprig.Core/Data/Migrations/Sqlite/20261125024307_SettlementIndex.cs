using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SettlementIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_Status_SettledAt_ReceivedAt",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_SettledAt_ReceivedAt_Id",
                table: "Orders",
                columns: new[] { "Status", "SettledAt", "ReceivedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_Status_SettledAt_ReceivedAt_Id",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_SettledAt_ReceivedAt",
                table: "Orders",
                columns: new[] { "Status", "SettledAt", "ReceivedAt" });
        }
    }
}
