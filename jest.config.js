/** @type {import('ts-jest').JestConfigWithTsJest} */
export default {
  testEnvironment: 'node',
  testMatch: ['**/__tests__/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  resolver: 'ts-jest-resolver',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true }] },
  clearMocks: true,
  collectCoverageFrom: ['src/**/*.ts'],
  testPathIgnorePatterns: ['/dist/', '/node_modules/', '/.tmp/'],
  testTimeout: 60000
}
