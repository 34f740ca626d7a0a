class ValidationError extends Error {
  constructor(field, message) {
    super(message);
    this.name = 'ValidationError';
    this.field = field;
  }
}
function validate(user) {
  if (!user.name) throw new ValidationError('name', 'name is required');
  if (user.age < 0) throw new ValidationError('age', 'age must be positive');
  return true;
}

// --- tests
for (const user of [{ name: 'a', age: 1 }, { age: 3 }, { name: 'b', age: -1 }]) {
  try {
    console.log(validate(user));
  } catch (error) {
    console.log(error instanceof ValidationError, error.field, error.message);
  } finally {
    console.log('checked');
  }
}
const wrapped = new Error('outer', { cause: new Error('inner') });
console.log(wrapped.cause.message);
validate({ age: 1 });
console.log('never printed');
