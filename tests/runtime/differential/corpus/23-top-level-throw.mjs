function parse(input) {
  const value = Number(input);
  if (Number.isNaN(value)) throw new TypeError(`not a number: ${input}`);
  return value;
}

// --- tests
console.log(parse('42'));
console.log(parse('4.5') * 2);
parse('forty');
