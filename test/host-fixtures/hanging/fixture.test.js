// A host test that never finishes: the runner must give up after its timeout and say so.
describe('runner fixture', () => {
  it('never settles', function () {
    this.timeout(0);
    return new Promise(() => {});
  });
});
