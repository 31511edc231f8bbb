using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Programs;

public sealed class PrerequisiteGraphTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();

    private static ILookup<Guid, Guid> Edges(params (Guid Program, Guid Requires)[] edges) => edges.ToLookup(e => e.Program, e => e.Requires);

    [Fact]
    public void FindCycle_SelfReference_IsACycle() =>
        Assert.Equal([A, A], PrerequisiteGraph.FindCycle(A, [A], Edges()));

    [Fact]
    public void FindCycle_ThroughAChain_ReturnsThePath()
    {
        // B requires C, C requires A; now A would require B.
        var cycle = PrerequisiteGraph.FindCycle(A, [B], Edges((B, C), (C, A)));

        Assert.Equal([A, B, C, A], cycle);
    }

    [Fact]
    public void FindCycle_DiamondWithoutLoop_IsFine()
    {
        // A requires B and C; both require D.
        Assert.Null(PrerequisiteGraph.FindCycle(A, [B, C], Edges((B, D), (C, D))));
    }

    [Fact]
    public void FindCycle_ExistingLoopElsewhere_DoesNotHang() =>
        Assert.Null(PrerequisiteGraph.FindCycle(A, [B], Edges((B, C), (C, B))));
}
