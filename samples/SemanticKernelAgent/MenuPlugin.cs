using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace SemanticKernelAgent;

/// <summary>A Semantic Kernel plugin: each <c>[KernelFunction]</c> becomes a tool the model may call.</summary>
public sealed class MenuPlugin
{
    /// <summary>Gets today's specials.</summary>
    /// <returns>The specials, one per line.</returns>
    [KernelFunction, Description("Lists today's specials on the menu.")]
    public static string GetSpecials() =>
        "Special soup: Clam Chowder; special salad: Cobb Salad; special drink: Chai Tea";

    /// <summary>Gets the price of a menu item.</summary>
    /// <param name="menuItem">The item's name.</param>
    /// <returns>The price, or a note that the item is unknown.</returns>
    [KernelFunction, Description("Gets the price of an item on the menu.")]
    public static string GetItemPrice([Description("The name of the menu item, e.g. Clam Chowder")] string menuItem) =>
        menuItem.Trim().ToUpperInvariant() switch
        {
            "CLAM CHOWDER" => "Clam Chowder costs $9.99",
            "COBB SALAD" => "Cobb Salad costs $12.50",
            "CHAI TEA" => "Chai Tea costs $3.75",
            _ => $"{menuItem} is not on the menu",
        };
}
