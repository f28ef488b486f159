# Showroom: one image for the bot, the web console and the CLI.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 SHOWROOM_DATA_DIR=/data
COPY package.json package-lock.json ./
# tsx is a runtime dependency: the sources run without a build step.
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY seed ./seed
COPY prompts ./prompts
COPY adapters ./adapters
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Docker's init forwards SIGTERM, so the lock in /data is released on `docker stop`.
ENTRYPOINT ["node", "bin/showroom.js"]
CMD ["start"]
