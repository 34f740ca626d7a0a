function html(strings, ...values) {
  const escape = (v) => String(v).replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]);
  return strings.reduce((out, s, i) => out + s + (i < values.length ? escape(values[i]) : ''), '');
}
const dedent = (strings) => strings.raw[0].replace(/^\n|\n\s*$/g, '').split('\n').map((l) => l.trim()).join('\n');
const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

// --- tests
console.log(html`<p>${'<b>bold</b>'} & ${1 + 1}</p>`)
console.log(dedent`
  line one
    line two
`)
console.log(currency.format(1234.5), String.raw`a\nb`)
