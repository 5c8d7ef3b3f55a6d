#if !NET9_0_OR_GREATER
namespace OpenRouter.Testing;

/// <summary>On .NET 8, <c>lock</c> on an instance of this type is a plain monitor lock (.NET 9 has <c>System.Threading.Lock</c>).</summary>
internal sealed class Lock;
#endif
