import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const platform = process.env.TARO_ENV ?? 'weapp';
const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src');

/** The API origin a weapp build talks to (H5 uses the same origin: `/api`). */
const apiUrl = (process.env.WHISTLE_API_URL ?? 'http://localhost:3000').replace(/\/+$/, '');

// `shared` is TypeScript source with ESM `.js` specifiers: compile it, and map `.js` to `.ts`.
type Chain = {
  resolve: {
    set: (key: string, value: unknown) => unknown;
    alias: { set: (key: string, value: string) => unknown };
  };
  optimization: {
    get: (key: string) => unknown;
    set: (key: string, value: unknown) => unknown;
  };
};

/**
 * H5: Taro splits only initial chunks, so every lazily loaded page carried its
 * own copy of the shared components (~40 KB each). Modules used by two or
 * more pages go to one shared async chunk instead; the assessment pages' own
 * (with the chart library) to theirs, so other pages never load it.
 */
const chainH5PageChunks = (chain: Chain): void => {
  const current = chain.optimization.get('splitChunks');
  if (!current || typeof current !== 'object') return;
  const sc = current as { cacheGroups?: Record<string, unknown> };
  chain.optimization.set('splitChunks', {
    ...sc,
    cacheGroups: {
      ...sc.cacheGroups,
      pagesCommon: { name: 'pages-common', chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true },
      // the assessment pages' shared code and their chart library: loaded only when one of them opens
      assess: {
        name: 'assess-common',
        test: /[\\/](src[\\/]assess[\\/]|src[\\/]api[\\/]assessment|@qiun[\\/]ucharts[\\/])/,
        chunks: 'async',
        minChunks: 2,
        priority: 10,
        enforce: true,
      },
      // the policy pages' shared code (the new-request page loads it too, for its suggestions)
      policy: {
        name: 'policy-common',
        test: /[\\/](src[\\/]policy[\\/]|src[\\/]api[\\/]policy)/,
        chunks: 'async',
        minChunks: 2,
        priority: 10,
        enforce: true,
      },
      // the admin console's and the platform pages' shared code (and the QR code library): loaded only by those pages
      console: {
        name: 'console-common',
        test: /[\\/](src[\\/](admin|platform|console)[\\/]|src[\\/]api[\\/](admin|platform|directory)|qrcode-generator[\\/])/,
        chunks: 'async',
        minChunks: 2,
        priority: 10,
        enforce: true,
      },
    },
  });
};
const chainShared = (chain: Chain): void => {
  chain.resolve.set('extensionAlias', { '.js': ['.ts', '.tsx', '.js'] });
  chain.resolve.alias.set('@whistle/shared', path.join(sharedSrc, 'index.ts'));
};

/**
 * npm nests `@tarojs/router` (and `@tarojs/taro`) under `@tarojs/taro-h5` in this
 * workspace. The H5 app entry must import the very same router module the API
 * layer uses (one module instance holds the history), so point it there.
 */
const h5RouterEntry = (): string | undefined => {
  try {
    const h5Dir = path.dirname(require.resolve('@tarojs/taro-h5/package.json'));
    const entry = path.join(path.dirname(require.resolve('@tarojs/router/package.json', { paths: [h5Dir] })), 'dist', 'index.esm.js');
    return entry;
  } catch {
    return undefined;
  }
};

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'whistle-miniapp',
    date: '2026-1-1',
    designWidth: 375,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(platform === 'h5' ? '' : apiUrl),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // webpack's persistent cache (node_modules/.cache): rebuilds take seconds instead of a minute
    cache: { enable: true },
    mini: {
      // zod ships modern syntax (?. ??); transpile it with the app for older WeChat JS engines
      compile: { include: [sharedSrc, (file: string) => /[\\/]node_modules[\\/]zod[\\/]/.test(file)] },
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chainShared(chain as unknown as Chain);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chainShared(chain as unknown as Chain);
        const router = h5RouterEntry();
        if (router) (chain as unknown as Chain).resolve.alias.set('@tarojs/router$', router);
        chainH5PageChunks(chain as unknown as Chain);
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
