# provider-sim: build with the dev toolchain, run on a small image as a non-root user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; the build is the next step.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    SIM_FIXTURES=/app/fixtures
WORKDIR /app
# The official image has a `node` user; a stand-in base image may not.
RUN id -u node >/dev/null 2>&1 || useradd --uid 1000 --create-home --shell /usr/sbin/nologin node
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY fixtures ./fixtures
COPY scenarios ./scenarios
RUN mkdir -p /data && chown node /data
USER node
EXPOSE 4010
# Fixtures, scenarios and a data file (--data /data/state.json) can be mounted.
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4010)+'/_sim/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]
