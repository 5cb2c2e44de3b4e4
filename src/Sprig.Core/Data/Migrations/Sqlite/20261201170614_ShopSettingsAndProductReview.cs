using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ShopSettingsAndProductReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // shops opened before this setting keep the promise every product had by default: 48 h (DOMAIN.md)
            migrationBuilder.AddColumn<int>(
                name: "DefaultShippingHours",
                table: "Shops",
                type: "INTEGER",
                nullable: false,
                defaultValue: 48);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Shops",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LogoUrl",
                table: "Shops",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnToLine",
                table: "Shops",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnToName",
                table: "Shops",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnToPhone",
                table: "Shops",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnToRegion",
                table: "Shops",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServicePhone",
                table: "Shops",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BlockReason",
                table: "Products",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BlockedAt",
                table: "Products",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewedAt",
                table: "Products",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReviewedBy",
                table: "Products",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnToLine",
                table: "AfterSales",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnToName",
                table: "AfterSales",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnToPhone",
                table: "AfterSales",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnToRegion",
                table: "AfterSales",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Products_ReviewQueue",
                table: "Products",
                column: "Id",
                filter: "\"Status\" = 'Listed' AND \"ReviewedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Products_ReviewQueue",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "DefaultShippingHours",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "LogoUrl",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "ReturnToLine",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "ReturnToName",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "ReturnToPhone",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "ReturnToRegion",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "ServicePhone",
                table: "Shops");

            migrationBuilder.DropColumn(
                name: "BlockReason",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "BlockedAt",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "ReturnToLine",
                table: "AfterSales");

            migrationBuilder.DropColumn(
                name: "ReturnToName",
                table: "AfterSales");

            migrationBuilder.DropColumn(
                name: "ReturnToPhone",
                table: "AfterSales");

            migrationBuilder.DropColumn(
                name: "ReturnToRegion",
                table: "AfterSales");
        }
    }
}
