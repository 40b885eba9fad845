namespace Reconciler.Planning;

/// <summary>
/// Shell-style globs for exclude.names: '*' matches any run of characters (also none), '?' exactly one,
/// everything else itself (ordinal, case-sensitive, as AWS names are).
/// </summary>
internal static class Glob
{
    /// <summary>True when <paramref name="pattern"/> matches the whole of <paramref name="text"/>.</summary>
    public static bool IsMatch(string pattern, string text)
    {
        // Iterative matcher with one backtrack point: linear in practice, no regex, no catastrophic cases.
        int p = 0, t = 0, starPattern = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starPattern = p++;
                starText = t;
            }
            else if (starPattern >= 0)
            {
                p = starPattern + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
