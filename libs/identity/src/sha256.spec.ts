import { isSha256Hex, sha256Hex } from './sha256';

describe('sha256Hex', () => {
  // printf %s '<value>' | sha256sum
  it.each([
    ['jane.doe@example.com', '86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d'],
    ['+14155550100', '40d3f4e02db27d66cf4cfdda506c2c945f115a7955cc8491dda98ce5beabcda0'],
    ['josé.müller@exämple.de', '24e0ea77c4e13430d0cbd8dd49967ceea068ab91aa17f4a09861f98b27a4787c'],
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ])('hashes %p', (value, expected) => {
    expect(sha256Hex(value)).toBe(expected);
  });
});

describe('isSha256Hex', () => {
  it.each([
    ['86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d', true],
    ['86E0B9E56C17CC4D12387E1949B85053FBE73BC3CE5A1188713A9D300CC6133D', false],
    ['86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133', false],
    ['86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d0', false],
    ['', false],
  ])('%p → %p', (value, expected) => {
    expect(isSha256Hex(value)).toBe(expected);
  });
});
