using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Sprig.Data;

public sealed class SqliteSprigDb(DbContextOptions<SqliteSprigDb> options) : SprigDb(options)
{
    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        base.ConfigureConventions(b);
        // SQLite has no date type: store UTC instants as sortable integers so comparisons and ORDER BY run in the database
        b.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSprigDb>
{
    public SqliteSprigDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSprigDb>().UseSqlite("Data Source=design.db").Options);
}
