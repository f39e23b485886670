// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: { allowDeclareFields: true },
        compiler: 'webpack5',
      },
    ],
  ],
  overrides: [
    {
      // `declare` class fields (shared/src/errors.ts) must be stripped before the
      // preset's class-properties plugin runs: plugins run before presets.
      test: /\.ts$/,
      plugins: [[require.resolve('@babel/plugin-transform-typescript'), { allowDeclareFields: true }]],
    },
  ],
};
