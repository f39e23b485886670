/** The WeChat double lives with the local stack (which runs it for `npm start`); the tests use the same one. */
export { startWechatDouble, type WechatDouble, type WechatSend } from '../../functions/src/local/wechat-double.js';
