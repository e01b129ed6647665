import { express } from './http.js';
import { reportRoutes } from './routes/reports.js';
import { userRoutes } from './routes/users.js';

const app = express();
userRoutes(app);
reportRoutes(app);
app.listen(Number(process.env.PORT ?? 3000));
