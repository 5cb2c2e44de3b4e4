using Sprig.Kernel;

namespace Sprig.Tests.Kernel;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("真丝睡衣 22 姆米", true)]
    [InlineData("line one\nline two\r\n\tindented", true)]
    [InlineData("emoji 😀 ok", true)]
    [InlineData("nul \0 inside", false)]
    [InlineData("bell \a", false)]
    [InlineData("delete \x7f", false)]
    public void Text_RefusesControlCharactersAndBrokenSurrogates(string text, bool ok)
    {
        Assert.Equal(ok, Validator.Printable(text));
        Assert.Equal(ok, new Validator().Text(text, "title", 100).Ok);
    }

    // built at run time: a lone surrogate in attribute data does not survive the test runner's serialisation
    [Fact]
    public void Text_RefusesHalfASurrogatePair()
    {
        Assert.False(Validator.Printable("half a pair " + '\ud83d'));
        Assert.False(Validator.Printable('\ude00' + " the other half first"));
        Assert.False(Validator.Printable("swapped " + '\ude00' + '\ud83d'));
        Assert.True(Validator.Printable("whole " + '\ud83d' + '\ude00'));
    }
}
