#if !NET9_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>
/// The compiler's overload priority (in the box from .NET 9): lets a client constructor call with <c>new() { … }</c> choose the
/// options constructor over <c>(string apiKey, string? defaultModelId)</c> in the net8.0 build too (C# 13 or later).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class OverloadResolutionPriorityAttribute(int priority) : Attribute
{
    /// <summary>Gets the priority; higher wins among applicable overloads.</summary>
    public int Priority { get; } = priority;
}
#endif
