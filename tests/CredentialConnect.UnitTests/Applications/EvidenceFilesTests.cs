using CredentialConnect.Web.Features.Applications;

namespace CredentialConnect.UnitTests.Applications;

public sealed class EvidenceFilesTests
{
    private static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00];

    [Theory]
    [InlineData("licence.pdf", "application/pdf", "application/pdf")]
    [InlineData("photo.PNG", "image/png", "image/png")]
    [InlineData("scan.jpeg", "image/jpeg", "image/jpeg")]
    [InlineData("scan.jpg", "image/jpg", "image/jpeg")]
    [InlineData("licence.pdf", "application/pdf; charset=binary", "application/pdf")]
    public void Recognise_WhenContentNameAndTypeAgree_AcceptsIt(string fileName, string declared, string stored)
    {
        var content = Path.GetExtension(fileName).ToLowerInvariant() switch { ".pdf" => Pdf, ".png" => Png, _ => Jpeg };

        var (kind, problem) = EvidenceFiles.Recognise(content, fileName, declared);

        Assert.Null(problem);
        Assert.Equal(stored, kind!.ContentType);
    }

    [Fact]
    public void Recognise_AProgramRenamedPdf_IsRefusedForItsContent()
    {
        var (kind, problem) = EvidenceFiles.Recognise(Exe, "setup.pdf", "application/pdf");

        Assert.Null(kind);
        Assert.Contains("content is none of them", problem);
    }

    [Fact]
    public void Recognise_APngDeclaredAsPdf_IsRefusedForItsDeclaredType()
    {
        var (kind, problem) = EvidenceFiles.Recognise(Png, "photo.png", "application/pdf");

        Assert.Null(kind);
        Assert.Contains("holds a PNG but was sent as application/pdf", problem);
    }

    [Fact]
    public void Recognise_AJpegNamedPng_IsRefusedForItsName()
    {
        var (kind, problem) = EvidenceFiles.Recognise(Jpeg, "photo.png", "image/jpeg");

        Assert.Null(kind);
        Assert.Contains("holds a JPEG but is named .png", problem);
    }

    [Fact]
    public void Sniff_ShortOrEmptyContent_IsNothing()
    {
        Assert.Null(EvidenceFiles.Sniff([]));
        Assert.Null(EvidenceFiles.Sniff("%PD"u8));
    }
}
