import * as assert from 'node:assert/strict';
import { pairBraces } from '../../../../src/core/parse/psBraces';

/** The text of each pair, from its `{` to its `}` (`…` where none closes it), in the order of the `{`s. */
function blocks(code: string): string[] {
  return pairBraces(code).pairs.map((pair) => (pair.end > code.length ? `${code.slice(pair.start - 1)}…` : code.slice(pair.start - 1, pair.end)));
}

/** Whether the `{1}` on the line is a block: the `#` before it went on a word rather than starting a comment. */
function blockAfter(code: string): boolean {
  return blocks(code).includes('{1}');
}

describe('parse/psBraces', () => {
  it('pairs the blocks, a block before those inside it, and says how deep they nest', () => {
    const code = 'function F { if ($x) { & { 1 } }; $h = @{ k = 1 } }\nwhile ($y) {';
    assert.deepEqual(blocks(code), ['{ if ($x) { & { 1 } }; $h = @{ k = 1 } }', '{ & { 1 } }', '{ 1 }', '{ k = 1 }', '{…']);
    assert.equal(pairBraces(code).depth, 3);
  });

  it("passes over braces in '…' strings, also with '' inside them", () => {
    assert.deepEqual(blocks("if ($x) { '}' ; 'it''s } {' }"), ["{ '}' ; 'it''s } {' }"]);
  });

  it('passes over braces in "…" strings, with backtick escapes, also with "" inside them', () => {
    assert.deepEqual(blocks('if ($x) { "}" ; "a`"}" ; "a""{" ; "`$x}" }'), ['{ "}" ; "a`"}" ; "a""{" ; "`$x}" }']);
  });

  it('passes over braces in here-strings, up to the quote and @ at the start of a line', () => {
    const verbatim = "if ($x) { @'\n} '@ }\n'@ }";
    assert.deepEqual(blocks(verbatim), [verbatim.slice(8)]);
    const expandable = 'if ($x) { @"  \r\n{ "@ "\r\n"@ }';
    assert.deepEqual(blocks(expandable), [expandable.slice(8)]);
    // The grammar reads a quote and @ on the line right after the opening as text: the here-string goes on.
    const verbatimEmpty = "if ($x) { @'\n'@\n}\n'@ }";
    assert.deepEqual(blocks(verbatimEmpty), [verbatimEmpty.slice(8)]);
    const expandableEmpty = 'if ($x) { @"\n"@\n}\n"@ }';
    assert.deepEqual(blocks(expandableEmpty), [expandableEmpty.slice(8)]);
    // Not a here-string where the line goes on after `@'`: a string after an `@`.
    assert.deepEqual(blocks("if ($x) { @'}' }"), ["{ @'}' }"]);
  });

  it('passes over braces in comments that start a token, and not after a letter (the # of a word)', () => {
    assert.deepEqual(blocks('if ($x) { # }\n}'), ['{ # }\n}']);
    assert.deepEqual(blocks("if ($x) { 'a'#}\n}"), ["{ 'a'#}\n}"]);
    assert.deepEqual(blocks('if ($x) { Write-Host C#}\n}'), ['{ Write-Host C#}']);
    assert.deepEqual(blocks('if ($x) { <# }\n`#> } #> }'), ['{ <# }\n`#> } #> }']);
  });

  it('reads a # after a token as a comment in an expression: after a variable, an index, a type or an operand', () => {
    // As the tree does, and PowerShell in expression mode: `$m#`, `$l[0]#` and `[int]#` end before the #.
    assert.deepEqual(blocks('if ($x) { $n = $m# }\n}'), ['{ $n = $m# }\n}']);
    assert.deepEqual(blocks('if ($x) { $n = $l[0]# }\n}'), ['{ $n = $l[0]# }\n}']);
    assert.deepEqual(blocks('if ($x) { [int]<# } #>\n}'), ['{ [int]<# } #>\n}']);
    // `!` and `-` before a variable are operators there, not the start of a word; `return` starts a statement.
    for (const code of ['$x = $a+$b#c {1}', '$x = $a+1#c {1}', '$x = !$a#c {1}', '-$a#c {1}', 'return $a#c {1}']) assert.ok(!blockAfter(code), code);
  });

  it('reads a # as the word\'s in a command\'s name and arguments, where a bare word runs to the next blank', () => {
    // A bare word goes on through a ] and the # after it (PowerShell reads `b]#` as one word, then two closing braces).
    assert.deepEqual(blocks('tr{a{b]#}}'), ['{a{b]#}}', '{b]#}']);
    assert.deepEqual(blocks('if ($x) { Write-Host b]#; }'), ['{ Write-Host b]#; }']);
    // A variable followed by anything but a blank, members or `=` is a bare word in an argument (`$a+$b#c`,
    // `$env:c#d`), and so is a parameter, a word with a string or a `$( )` in it, and a word after members (`$a.b+c#d`).
    const words = ['Write-Host $a+$b#c {1}', 'Write-Host $env:c#d {1}', 'Write-Host a,b#c {1}', 'Write-Host -x:$a#c {1}', 'Write-Host -x#c {1}',
      "Write-Host a'b c'#d {1}", 'Write-Host a$(1)#c {1}', '$x = Get-Item $a#c {1}', 'Write-Host $a.b+c#d {1}', 'Write-Host $a.b:c#d {1}',
      'Write-Host $a.b:#d {1}', 'function f { param($p) Write-Host $p#c }; {1}'];
    for (const code of words) assert.ok(blockAfter(code), code);
    // Members, a group and a string end before the #; after a group or block at a statement's start the expression goes on.
    for (const code of ['Write-Host $a.b#c {1}', 'Write-Host $a[0]#c {1}', 'Write-Host (1).x#c {1}', "Write-Host 'a'#c {1}", '$x = {2}.x#c {1}']) {
      assert.ok(!blockAfter(code), code);
    }
    // A hashtable's key is an expression, its value a statement.
    assert.deepEqual(blocks('$h = @{ a = b#c; d = 1 }'), ['{ a = b#c; d = 1 }']);
    assert.deepEqual(blocks('$h = @{ a = 1; d#e = 1 }'), ['{ a = 1; d#e = 1 }…']);
  });

  it('reads a quote or # after a backtick in code as a character, which starts no string or comment', () => {
    assert.deepEqual(blocks('if ($x) { Write-Host `" `# }'), ['{ Write-Host `" `# }']);
  });

  it('passes over braced variable names, up to their first }', () => {
    assert.deepEqual(blocks('if ($x) { ${a{b} = "${c{}" }'), ['{ ${a{b} = "${c{}" }']);
    // `${}` names nothing: its braces pair.
    assert.deepEqual(blocks('${}'), ['{}']);
  });

  it('pairs the braces of code in a string\'s $( … ), and passes over its strings up to the ) that closes it', () => {
    const code = 'if ($x) { "$($l | ForEach-Object { ")}" + (1) }) }" ; @"\n$({ 1 })}\n"@ }';
    assert.deepEqual(blocks(code), [code.slice(8), '{ ")}" + (1) }', '{ 1 }']);
  });

  it('lets a string or comment that does not close run to the end, and a } close nothing when none is open', () => {
    assert.deepEqual(blocks("} if ($x) { '}"), ["{ '}…"]);
    assert.deepEqual(blocks('if ($x) { <# }'), ['{ <# }…']);
    assert.deepEqual(blocks('if ($x) { "}'), ['{ "}…']);
    assert.deepEqual(blocks("if ($x) { @'\n}"), ["{ @'\n}…"]);
  });
});
