using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CatalogSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CatalogChanges",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TxId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogChanges", x => x.Seq);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CatalogChanges_At",
                table: "CatalogChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_CatalogChanges_TxId_Seq",
                table: "CatalogChanges",
                columns: new[] { "TxId", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CatalogChanges");
        }
    }
}
